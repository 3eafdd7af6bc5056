"""Sub-commands that live in their own modules (imported lazily by :class:`docgen.cli.LazyGroup`)."""
