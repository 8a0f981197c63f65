//! Sector and role tagging of sections and footnotes, from one readable rules table.
