"""Lesson modules of the chapter Transporter (one per lesson page in ``chapters/02-transporter/``)."""
