"""handbook.dates: dates as Norwegian readers read them."""

import pytest

from handbook.dates import long_date


@pytest.mark.parametrize(
    "iso, shown", [("2026-11-02", "2. november 2026"), ("2024-08-01", "1. august 2024"), ("2025-05-17", "17. mai 2025")]
)
def test_norwegian_dates_are_written_out(iso, shown):
    assert long_date(iso) == shown


def test_a_malformed_date_is_an_error_not_a_guess():
    with pytest.raises(ValueError):
        long_date("22.11.2026")
