using System.Globalization;
using System.Text;

namespace PartnerPortal.PartnerTiers.Deals;

/// <summary>
/// Folds a customer's name for comparison (P8 duplicates): "Contoso, Inc." and "CONTOSO" are one
/// customer. Case, accents, spacing and punctuation do not count, nor trailing legal forms.
/// </summary>
public static class CustomerNames
{
    private static readonly HashSet<string> LegalForms = new(StringComparer.Ordinal)
    {
        "inc", "incorporated", "corp", "corporation", "co", "company", "ltd", "limited", "llc", "llp", "lp", "plc",
        "gmbh", "mbh", "ag", "kg", "ug", "se", "sa", "sas", "sarl", "srl", "spa", "bv", "nv", "ab", "as", "asa", "oy", "oyj",
        "pty", "pte", "pvt", "kk", "sl", "sro", "zoo", "sp",
    };

    public static string Fold(string name)
    {
        var words = Words(name);
        // "Contoso Co. Ltd": strip legal forms from the end, one after the other, but never the whole name ("AG" alone stays).
        var end = words.Count;
        while (end > 1 && LegalForms.Contains(words[end - 1])) end--;
        return string.Concat(words.Take(end));
    }

    private static List<string> Words(string name)
    {
        var plain = new StringBuilder(name.Length);
        foreach (var c in name.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark) plain.Append(c);
        }

        var words = new List<string>();
        var word = new StringBuilder();
        // "S.A.R.L." and "G.m.b.H." are one word: dots inside a run of letters do not split it.
        foreach (var c in plain.ToString().ToLowerInvariant())
        {
            if (char.IsLetterOrDigit(c)) word.Append(c);
            else if (c is '.' or '\'' && word.Length > 0) continue;
            else if (word.Length > 0)
            {
                words.Add(word.ToString());
                word.Clear();
            }
        }

        if (word.Length > 0) words.Add(word.ToString());
        return words;
    }
}
