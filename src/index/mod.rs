//! The tantivy index: schema (field names as constants), writer and opening. Never prints.
