"""The Textual app: screens, widgets and the palette; it reads and writes through the service."""
