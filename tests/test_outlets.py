"""Outlets named by an article itself: byline, contributor and staff lines (own examples)."""

from __future__ import annotations

import pytest

from triangulate.outlets import infer_outlet


@pytest.mark.parametrize(
    ("byline", "expected"),
    [
        ("By Harbour Daily with CPA", "Harbour Daily"),
        ("Kestrelnews with agencies", "Kestrelnews"),
        ("The Saltmarsh Gazette", "The Saltmarsh Gazette"),
    ],
)
def test_a_byline_naming_an_organisation_is_the_outlet(byline: str, expected: str) -> None:
    found = infer_outlet("The bridge reopened on Friday.", byline)
    assert found is not None and found.outlet == expected
    assert found.evidence == f"byline: {byline}"


@pytest.mark.parametrize(
    "byline",
    [
        "Nadia Ferreira",  # a person
        "Jane Roe for CPA",  # the wire agency the story came from, not the outlet
        "CPA",  # an agency's initials: left to provenance
        "Staff",
        "Owen Pritchard and Mei Lin Tan",
    ],
)
def test_people_agencies_and_desks_are_not_outlets(byline: str) -> None:
    assert infer_outlet("The bridge reopened on Friday.", byline) is None


def test_contributor_and_staff_lines_name_the_publisher() -> None:
    credit = "Harbour Daily's Mei Lin Tan in Saltmarsh Point contributed to this report."
    found = infer_outlet("The bridge reopened on Friday.", None, [credit])
    assert found is not None and found.outlet == "Harbour Daily" and found.evidence == credit
    bio = "Owen Pritchard is based in the Kestrel Courier Southport bureau."
    found = infer_outlet("Body.\n" + bio + "\nMore.")
    assert found is not None and found.outlet == "Kestrel Courier" and found.evidence == bio
    staff = "Farid Haddad is a senior reporter for The Civic Ledger."
    found = infer_outlet(staff)
    assert found is not None and found.outlet == "The Civic Ledger"


def test_an_outlet_merely_cited_is_not_the_publisher() -> None:
    text = "MBC News reported the closure first. A spokesperson told Harbour Daily it was safe."
    assert infer_outlet(text) is None
