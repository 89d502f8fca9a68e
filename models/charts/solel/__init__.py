"""Static-site charts of the chapter *Solel* (one per lesson), built from the lesson modules' grids."""
