namespace PartnerPortal.PartnerTiers.Directory;

/// <summary>
/// The directory's search and filters over its cached entries, built once per index so a request
/// costs about the same for 50 partners as for 5,000: every word of every searched field, sorted,
/// so a term finds the entries with a word starting with it by binary search; and, per tier,
/// specialization, region and industry, the entries that have it, so filters start from the
/// smallest list instead of scanning every partner.
/// </summary>
internal sealed class DirectorySearch
{
    // Field weights: the name counts most, then specializations, solutions, regions and industries, then the summary.
    private static readonly int[] Weights = [8, 4, 2, 2, 1];

    private readonly (string Word, int Entry)[][] _words;
    private readonly Dictionary<string, int[]> _tiers;
    private readonly Dictionary<string, int[]> _badges;
    private readonly Dictionary<string, int[]> _regions;
    private readonly Dictionary<string, int[]> _industries;
    private readonly int _count;

    /// <param name="entries">In the directory's order (tier, then name).</param>
    public DirectorySearch(IReadOnlyList<DirectoryEntry> entries)
    {
        _count = entries.Count;
        var fields = new Func<DirectoryEntry, IEnumerable<string>>[]
        {
            e => [e.Name],
            e => e.Specializations,
            e => e.Solutions.SelectMany(s => new[] { s.Name, s.Industry }),
            e => e.Regions.Concat(e.Industries),
            e => [e.Summary],
        };
        _words = fields.Select(field => entries
                .SelectMany((entry, i) => field(entry).SelectMany(Words).Distinct(StringComparer.Ordinal).Select(word => (word, i)))
                .OrderBy(w => w.word, StringComparer.Ordinal).ThenBy(w => w.i)
                .ToArray())
            .ToArray();
        _tiers = Postings(entries, e => e.Standing.Tier is { } tier ? [tier] : []);
        _badges = Postings(entries, e => e.Specializations);
        _regions = Postings(entries, e => e.Regions);
        _industries = Postings(entries, e => e.Industries);
    }

    /// <summary>The matching entries' positions, best first: tier, then relevance, then the directory's order.</summary>
    public IReadOnlyList<int> Find(IReadOnlyList<DirectoryEntry> entries, string[] terms, DirectoryQuery query)
    {
        var filters = new List<int[]>();
        foreach (var (value, postings) in new[] { (query.Tier, _tiers), (query.Specialization, _badges), (query.Region, _regions), (query.Industry, _industries) })
        {
            if (value is not { Length: > 0 }) continue;
            filters.Add(postings.GetValueOrDefault(value) ?? []);
        }

        int[]? score = null;
        IEnumerable<int> candidates;
        if (terms.Length > 0)
        {
            score = new int[_count];
            var matched = new int[_count];
            var stamp = new int[_count];
            var round = 0;
            for (var t = 0; t < terms.Length; t++)
            {
                for (var f = 0; f < _words.Length; f++)
                {
                    round++;
                    foreach (var entry in Starting(_words[f], terms[t]))
                    {
                        if (stamp[entry] == round) continue;
                        stamp[entry] = round;
                        // The first field that has the term counts it as matched for this term.
                        if (matched[entry] == t) matched[entry] = t + 1;
                        score[entry] += Weights[f];
                    }
                }
            }

            candidates = Enumerable.Range(0, _count).Where(i => matched[i] == terms.Length);
        }
        else
        {
            candidates = filters.Count > 0 ? filters.MinBy(f => f.Length)! : Enumerable.Range(0, _count);
        }

        var sets = filters.Select(f => f.Length < 64 ? f.ToHashSet() : null).ToList();
        var found = new List<int>();
        foreach (var i in candidates)
        {
            var keep = true;
            for (var k = 0; k < filters.Count && keep; k++) keep = sets[k]?.Contains(i) ?? Array.BinarySearch(filters[k], i) >= 0;
            if (keep) found.Add(i);
        }

        if (score is null) return found;
        var relevance = score;
        // Stable: within a tier and a relevance, the directory's order (by name) stays.
        return found.OrderByDescending(i => entries[i].Standing.Rank).ThenByDescending(i => relevance[i]).ToList();
    }

    /// <summary>Lower-case words, split at anything that is not a letter or digit.</summary>
    public static IEnumerable<string> Words(string text)
    {
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var inWord = i < text.Length && char.IsLetterOrDigit(text[i]);
            if (inWord && start < 0) start = i;
            else if (!inWord && start >= 0)
            {
                yield return text[start..i].ToLowerInvariant();
                start = -1;
            }
        }
    }

    /// <summary>The entries of the words that start with <paramref name="term"/>: one binary search, then a run of the sorted words.</summary>
    private static IEnumerable<int> Starting((string Word, int Entry)[] words, string term)
    {
        int low = 0, high = words.Length;
        while (low < high)
        {
            var middle = (low + high) / 2;
            if (string.CompareOrdinal(words[middle].Word, term) < 0) low = middle + 1;
            else high = middle;
        }

        for (var i = low; i < words.Length && words[i].Word.StartsWith(term, StringComparison.Ordinal); i++) yield return words[i].Entry;
    }

    private static Dictionary<string, int[]> Postings(IReadOnlyList<DirectoryEntry> entries, Func<DirectoryEntry, IEnumerable<string>> values) =>
        entries.SelectMany((entry, i) => values(entry).Select(value => (value, i)))
            .GroupBy(p => p.value, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.Select(p => p.i).Distinct().Order().ToArray(), StringComparer.OrdinalIgnoreCase);
}
