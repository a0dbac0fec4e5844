"""Synthetic multi-outlet news written for the tests (not the example articles)."""

from __future__ import annotations

HARBOUR_A = """Officials in Port Elling opened the rebuilt harbour bridge on Tuesday after three years of work.
The bridge cost 240 million dollars and carries four lanes of traffic across the river mouth.
Mayor Dana Whitcombe said the crossing would cut commuting times for thousands of residents.
Engineers had closed the old bridge in 2021 after inspectors found corroded steel cables.
Local businesses said the closure had cost them customers for three years."""

HARBOUR_B = """The new harbour bridge in Port Elling opened to traffic on Tuesday, ending three years of construction.
The four-lane crossing over the river mouth cost 240 million dollars, city officials said.
Mayor Dana Whitcombe told reporters the bridge would shorten commutes for thousands of people.
The old span was shut in 2021 when inspectors discovered corroded cables.
Traffic was heavy on the first morning as drivers queued to cross."""

HARBOUR_C = """Port Elling's rebuilt harbour bridge opened on Tuesday after a three-year closure.
The crossing cost 240 million dollars, according to the city.
Mayor Dana Whitcombe said the bridge would cut commuting times for thousands of residents.
A ribbon was cut by schoolchildren at the eastern end of the bridge."""

VACCINE_A = """Health regulators in Norland approved a new malaria vaccine for children on Monday.
The agency said trials in 12,000 children showed the vaccine prevented three quarters of severe cases.
Health minister Priya Osei said the first doses would reach clinics in March.
The manufacturer, Calder Biotech, plans to produce 20 million doses next year."""

VACCINE_B = """Norland's medicines agency cleared a malaria vaccine for use in children on Monday.
Trials involving 12,000 children found it prevented three quarters of severe infections, the agency said.
Minister Priya Osei said clinics would receive the first doses in March.
Calder Biotech said it would make 20 million doses next year."""

LONE = """A rare white stork was seen nesting on a church roof in the village of Hallam Cross on Sunday.
Bird watchers travelled from across the region to photograph the bird, which had not been recorded there for decades."""
