"""Tables and figures of the dashboard: plain functions, no streamlit.

Each page reads widgets, calls these functions and renders what they return; the same
functions serve tests, exports and slides.
"""
