"""The app's screens; each reads and writes through the `Register` of the app."""
