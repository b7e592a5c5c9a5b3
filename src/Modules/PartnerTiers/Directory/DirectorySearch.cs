namespace PartnerPortal.PartnerTiers.Directory;

/// <summary>
/// The directory's search and filters over its cached entries, built once per index so a request
/// costs about the same for 50 partners as for 5,000: every word of every searched field, sorted,
/// so a term finds the entries with a word starting with it by binary search (a search starts
/// from its rarest term and checks the few entries it finds against the others); and, per tier,
/// specialization, region and industry, the entries that have it, so filters start from the
/// smallest list instead of scanning every partner.
/// </summary>
internal sealed class DirectorySearch
{
    // Field weights: the name counts most, then specializations, solutions, regions and industries, then the summary.
    private static readonly int[] Weights = [8, 4, 2, 2, 1];

    private readonly (string Word, int Entry)[][] _words;
    private readonly string[][][] _wordsOf;
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
        _wordsOf = entries.Select(entry => fields.Select(field => field(entry).SelectMany(Words).Distinct(StringComparer.Ordinal).ToArray()).ToArray()).ToArray();
        _words = Enumerable.Range(0, fields.Length).Select(f => _wordsOf
                .SelectMany((of, i) => of[f].Select(word => (word, i)))
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

        Dictionary<int, int>? score = null;
        IEnumerable<int> candidates;
        if (terms.Length > 0)
        {
            // Candidates come from the rarest term's words only; each is then checked against every term in its own words.
            var rarest = terms.MinBy(term => _words.Sum(words => Range(words, term).Count))!;
            score = [];
            foreach (var words in _words)
            {
                var (from, count) = Range(words, rarest);
                for (var i = from; i < from + count; i++) score.TryAdd(words[i].Entry, 0);
            }

            foreach (var entry in score.Keys.ToList())
            {
                var total = 0;
                foreach (var term in terms)
                {
                    var weight = 0;
                    for (var f = 0; f < _wordsOf[entry].Length; f++)
                    {
                        if (_wordsOf[entry][f].Any(word => word.StartsWith(term, StringComparison.Ordinal))) weight += Weights[f];
                    }

                    if (weight == 0)
                    {
                        total = -1;
                        break;
                    }

                    total += weight;
                }

                if (total < 0) score.Remove(entry);
                else score[entry] = total;
            }

            candidates = score.Keys.Order();
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

    /// <summary>Where the words that start with <paramref name="term"/> are: one binary search, then the run of the sorted words.</summary>
    private static (int From, int Count) Range((string Word, int Entry)[] words, string term)
    {
        int low = 0, high = words.Length;
        while (low < high)
        {
            var middle = (low + high) / 2;
            if (string.CompareOrdinal(words[middle].Word, term) < 0) low = middle + 1;
            else high = middle;
        }

        var end = low;
        while (end < words.Length && words[end].Word.StartsWith(term, StringComparison.Ordinal)) end++;
        return (low, end - low);
    }

    private static Dictionary<string, int[]> Postings(IReadOnlyList<DirectoryEntry> entries, Func<DirectoryEntry, IEnumerable<string>> values) =>
        entries.SelectMany((entry, i) => values(entry).Select(value => (value, i)))
            .GroupBy(p => p.value, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.Select(p => p.i).Distinct().Order().ToArray(), StringComparer.OrdinalIgnoreCase);
}
