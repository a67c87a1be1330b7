"""Placeholder: being built."""

import streamlit as st

st.title("Coverage")
st.info("This page is being built.")
