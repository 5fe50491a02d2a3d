"""Territories: the COG hierarchy (communes, EPCI, départements, régions, pays, COM) with its history."""
