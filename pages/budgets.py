"""Placeholder: being built."""

import streamlit as st

st.title("Budgets")
st.info("This page is being built.")
