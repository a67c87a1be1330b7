"""Placeholder: being built."""

import streamlit as st

st.title("Actions")
st.info("This page is being built.")
