"""Static-site charts of the chapter Transporter (one per lesson, from the lesson's ``site_grid``)."""
