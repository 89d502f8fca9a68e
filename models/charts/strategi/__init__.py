"""Static-site charts for the Strategi chapter (one module per lesson, same stem)."""
