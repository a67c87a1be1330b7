"""Outputs: the slide toolkit and the one deck builder, HTML reports, CSV and Excel files. No streamlit."""
