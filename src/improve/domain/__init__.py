"""Pure data and rules of continual improvement: no storage, no screens."""
