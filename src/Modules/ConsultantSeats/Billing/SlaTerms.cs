using System.Globalization;
using PartnerPortal.Billing;

namespace PartnerPortal.ConsultantSeats.Billing;

/// <summary>What a consultant typed into the SLA form, before it is checked.</summary>
public sealed record SlaInput(string? MonthlyFee, string? Currency, string? PaymentTermsDays, string? GracePeriodDays, string? StartsOn, string? PaymentInstructions);

/// <summary>An SLA's terms once checked (C10): a positive fee in a known currency with its decimals, terms and grace in days, a start date.</summary>
public sealed record SlaTerms(decimal MonthlyFee, string Currency, int PaymentTermsDays, int GracePeriodDays, DateOnly StartsOn, string? PaymentInstructions)
{
    public const decimal MaxFee = 1_000_000m;
    public const int MaxDays = 365;
    public const int MaxInstructions = 1000;

    /// <summary>The terms <paramref name="input"/> says, or what to correct (in the user's words) and null.</summary>
    public static (SlaTerms? Terms, string? Error) Parse(SlaInput input, DateOnly today)
    {
        var currency = input.Currency?.Trim().ToUpperInvariant() ?? string.Empty;
        if (currency.Length != 3 || !currency.All(char.IsAsciiLetterUpper)) return Fail("Enter the currency as a three-letter code, for example EUR or USD.");
        if (!Currencies.IsKnown(currency)) return Fail($"{currency} is not a currency code. Use an ISO 4217 code such as EUR, USD or GBP.");

        var feeText = input.MonthlyFee?.Trim() ?? string.Empty;
        if (feeText.Length == 0) return Fail("Enter the monthly fee, for example 300 or 300.50.");
        if (!decimal.TryParse(feeText, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var fee))
            return Fail("Enter the monthly fee as a number with a decimal point and no thousands separators, for example 1500.50.");
        if (fee <= 0) return Fail("The monthly fee must be more than zero.");
        if (fee > MaxFee) return Fail($"The monthly fee can be at most {MaxFee.ToString("N0", CultureInfo.InvariantCulture)}.");
        var decimals = Currencies.DecimalsOf(currency);
        if (decimal.Round(fee, decimals) != fee)
            return Fail(decimals == 0 ? $"{currency} amounts have no decimals: enter a whole number." : $"{currency} amounts have at most {decimals} decimals.");

        if (!TryDays(input.PaymentTermsDays, out var terms)) return Fail($"Enter the payment terms as a whole number of days from 0 (due on receipt) to {MaxDays}.");
        if (!TryDays(input.GracePeriodDays, out var grace)) return Fail($"Enter the grace period as a whole number of days from 0 to {MaxDays}.");

        if (!DateOnly.TryParseExact(input.StartsOn?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var startsOn))
            return Fail("Enter the start date as a date, for example 2026-07-01.");
        if (startsOn < new DateOnly(2000, 1, 1)) return Fail("The start date cannot be before the year 2000.");
        if (startsOn > today.AddYears(1)) return Fail("The start date can be at most a year from today.");

        var instructions = input.PaymentInstructions?.Trim();
        if (instructions is { Length: > MaxInstructions }) return Fail($"Keep the payment instructions under {MaxInstructions} characters.");
        return (new SlaTerms(fee, currency, terms, grace, startsOn, string.IsNullOrEmpty(instructions) ? null : instructions), null);
    }

    private static bool TryDays(string? text, out int days) =>
        int.TryParse(text?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out days) && days is >= 0 and <= MaxDays;

    private static (SlaTerms?, string?) Fail(string error) => (null, error);
}
