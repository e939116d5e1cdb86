"""Demo content: generators for documents and illustrations, and the loader that fills the
site from the data files in `fixtures/demo/`. Used by `manage.py load_demo_content`."""
