using System.Collections.Frozen;
using System.Globalization;

namespace PartnerPortal.Billing;

/// <summary>
/// The circulating currencies of ISO 4217 with their minor units (how many decimals an amount may
/// have). A list of our own rather than the cultures .NET knows: those depend on the machine's ICU
/// data and name some currencies twice or not at all.
/// </summary>
public static class Currencies
{
    private static readonly FrozenDictionary<string, int> MinorUnits = Build();

    public static bool IsKnown(string? code) => code is not null && MinorUnits.ContainsKey(code);

    /// <summary>How many decimals an amount in <paramref name="code"/> has (2 for EUR, 0 for JPY, 3 for KWD).</summary>
    public static int DecimalsOf(string code) => MinorUnits.TryGetValue(code, out var units) ? units : 2;

    /// <summary>"300.00 EUR", "45,000 JPY": the amount with its currency's decimals and the code after it.</summary>
    public static string Format(decimal amount, string currency) =>
        $"{amount.ToString("N" + DecimalsOf(currency).ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture)} {currency}";

    private static FrozenDictionary<string, int> Build()
    {
        var units = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var code in """
            AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BMD BND BOB BRL BSD BTN BWP BYN BZD CAD CDF CHF
            CNY COP CRC CUP CVE CZK DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL GHS GIP GMD GTQ GYD HKD HNL HTG HUF
            IDR ILS INR IRR JMD KES KGS KHR KPW KYD KZT LAK LBP LKR LRD LSL MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR
            MWK MXN MYR MZN NAD NGN NIO NOK NPR NZD PAB PEN PGK PHP PKR PLN QAR RON RSD RUB SAR SBD SCR SDG SEK SGD
            SHP SLE SOS SRD SSP STN SVC SYP SZL THB TJS TMT TOP TRY TTD TWD TZS UAH USD UYU UZS VED VES WST XCD XCG
            YER ZAR ZMW ZWG
            """.Split((char[])[' ', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries))
        {
            units[code] = 2;
        }

        foreach (var code in "BIF CLP DJF GNF ISK JPY KMF KRW PYG RWF UGX VND VUV XAF XOF XPF".Split(' ')) units[code] = 0;
        foreach (var code in "BHD IQD JOD KWD LYD OMR TND".Split(' ')) units[code] = 3;
        return units.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
