"""Placeholder: being built."""

import streamlit as st

st.title("Transfers")
st.info("This page is being built.")
