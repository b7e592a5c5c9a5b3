using PartnerPortal.ConsultantSeats.Certification;
using PartnerPortal.ConsultantSeats.Seats;

namespace PartnerPortal.UnitTests;

/// <summary>C1, C5, C6: when a seat may be deactivated, undone or reactivated, what notice it gets, what a reason must be, and how a certification reads.</summary>
public sealed class SeatRulesShould
{
    private static readonly DateTime Now = new(2026, 11, 27, 10, 0, 0, DateTimeKind.Utc);

    private static ConsultantSeat Seat(SeatStatus status) => status switch
    {
        SeatStatus.Ending => new ConsultantSeat { EndsAt = Now.AddDays(3) },
        SeatStatus.Ended => new ConsultantSeat { EndedAt = Now },
        _ => new ConsultantSeat(),
    };

    [Theory]
    [InlineData(0, null, "no notice: at once")]
    [InlineData(-3, null, "a negative notice counts as none")]
    [InlineData(14, 14, "the seed's default")]
    [InlineData(1, 1, "a day")]
    public void EndADeactivatedSeatAfterThePolicysNotice(int noticeDays, int? expectedDays, string reason)
    {
        Assert.True(SeatRules.EndsAt(Now, noticeDays) == (expectedDays is { } days ? Now.AddDays(days) : null), reason);
    }

    [Theory]
    [InlineData(null, false, "none")]
    [InlineData("", false, "empty")]
    [InlineData("  \t ", false, "white space only")]
    [InlineData("The project is over", true, "a reason")]
    public void RequireAReason(string? reason, bool accepted, string why)
    {
        Assert.True((SeatRules.CheckReason(reason) is null) == accepted, why);
        Assert.NotNull(SeatRules.CheckReason(new string('x', SeatRules.MaxReasonLength + 1)));
        Assert.Null(SeatRules.CheckReason(new string('x', SeatRules.MaxReasonLength)));
    }

    [Theory]
    [InlineData(SeatStatus.Active, true, false, false)]
    [InlineData(SeatStatus.Ending, false, true, false)]
    [InlineData(SeatStatus.Ended, false, false, true)]
    public void AllowEachChangeOnlyWhereItMeansSomething(SeatStatus status, bool deactivate, bool undo, bool reactivate)
    {
        var seat = Seat(status);
        Assert.Equal(status, seat.Status);
        Assert.Equal(deactivate, SeatRules.CheckDeactivation(seat) is null);
        Assert.Equal(undo, SeatRules.CheckUndo(seat) is null);
        Assert.Equal(reactivate, SeatRules.CheckReactivation(seat) is null);
    }

    [Theory]
    [InlineData(SeatStatus.Active, "Active", "nothing runs")]
    [InlineData(SeatStatus.Ending, "Ends on 2026-11-30", "the day the notice runs out")]
    [InlineData(SeatStatus.Ended, "Ended on 2026-11-27 (left)", "the day and the way it ended")]
    public void SayWhereASeatStands(SeatStatus status, string words, string why)
    {
        var seat = Seat(status);
        seat.EndedHow = "left";
        Assert.True(words == SeatRules.StatusWords(seat.Status, seat.EndsAt, seat.EndedAt, seat.EndedHow), why);
    }

    [Fact]
    public void SayWhatAConsultantMayDoWithAndWithoutTheAdminToggle()
    {
        Assert.Equal("Builds solutions in General, and sees only the solutions they built or were given there.", SeatRules.WhatTheyMayDo(false, "General"));
        Assert.StartsWith("Workspace admin of General as well", SeatRules.WhatTheyMayDo(true, "General"));
        Assert.StartsWith("You build solutions in General", SeatRules.WhatTheyMayDo(false, "General", toThemselves: true));
    }

    [Theory]
    [InlineData("2026-12-31", null, true, "valid until 2026-12-31")]
    [InlineData("2026-11-27", null, true, "valid until 2026-11-27")]
    [InlineData("2026-11-26", null, false, "lapsed on 2026-11-27")]
    [InlineData("2027-06-30", "2026-11-01", false, "revoked on 2026-11-01")]
    public void ReadACertificationsStateOnItsLastDayAndAfter(string validUntil, string? revoked, bool active, string words)
    {
        var certification = new ConsultantCertification
        {
            Level = "Certified consultant",
            ValidUntil = DateOnly.Parse(validUntil, System.Globalization.CultureInfo.InvariantCulture),
            RevokedAt = revoked is null ? null : DateTime.Parse(revoked, System.Globalization.CultureInfo.InvariantCulture),
        };
        var today = DateOnly.FromDateTime(Now);
        Assert.Equal(active, certification.IsActive(today));
        Assert.Equal(words, certification.Describe(today));
    }

    [Fact]
    public void LetAnActiveCertificationSpeakForTheSeatBeforeALapsedOne()
    {
        var today = DateOnly.FromDateTime(Now);
        var lapsed = new ConsultantCertification { Level = "Builder", ValidUntil = today.AddDays(-10) };
        var active = new ConsultantCertification { Level = "Certified consultant", ValidUntil = today.AddDays(100) };
        Assert.Equal(new CertificationState(true, $"Certified (Certified consultant) until {today.AddDays(100):yyyy-MM-dd}"), Certifications.StateOf([lapsed, active], today));
        Assert.Equal(new CertificationState(false, $"Certification lapsed on {today.AddDays(-9):yyyy-MM-dd}"), Certifications.StateOf([lapsed], today));
        Assert.Equal(CertificationState.None, Certifications.StateOf([], today));
    }
}
