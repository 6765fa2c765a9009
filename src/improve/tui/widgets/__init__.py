"""Widgets of the app: they show things and post messages; they never write."""
