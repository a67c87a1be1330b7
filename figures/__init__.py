"""Figures: one plotly builder per chart, and the theme they share. No streamlit."""
