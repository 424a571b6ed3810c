"""From annotation files to tables: table specs, YAML with line numbers, the schema, compiling one annotation,
loading a corpus (in processes, cached) and compiling one on Dask."""
