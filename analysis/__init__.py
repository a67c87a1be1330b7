"""Analysis: tables and findings (pandas only; a finding is data plus its sentence). No plotly, no streamlit."""
