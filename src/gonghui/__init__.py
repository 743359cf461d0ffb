"""Gonghui (工会): a digital trade-union platform."""
