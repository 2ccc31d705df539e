"""Availability beyond working hours: public holidays and busy times from calendars."""
