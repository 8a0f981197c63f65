//! Query building, filters, facets and snippets over the index. Returns plain structs.
