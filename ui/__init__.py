"""The thin streamlit layer: cached data load, shared filters, rendering helpers."""
