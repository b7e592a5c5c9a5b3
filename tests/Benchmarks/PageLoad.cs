using System.Diagnostics;
using System.Net;

namespace PartnerPortal.Benchmarks;

/// <summary>Load on one page from one signed-in client, and the fair order in which scenarios load two of them.</summary>
public static class PageLoad
{
    /// <summary>
    /// Sends <paramref name="requests"/> GETs of <paramref name="path"/>, <paramref name="concurrency"/>
    /// at a time, each read to its end; any answer but 200 stops the scenario. Returns the wall time.
    /// </summary>
    public static async Task<TimeSpan> SendAsync(HttpClient client, string path, int requests, int concurrency)
    {
        var next = 0;
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            while (Interlocked.Increment(ref next) <= requests)
            {
                using var response = await client.GetAsync(path);
                if (response.StatusCode != HttpStatusCode.OK) throw new InvalidOperationException($"{path} answered {(int)response.StatusCode}.");
                await response.Content.ReadAsByteArrayAsync();
            }
        }));
        return watch.Elapsed;
    }

    /// <summary>Rounds of two loads in A B B A order, so a slow drift of the machine hits both alike; the rounds of each.</summary>
    public static async Task<(List<T> A, List<T> B)> AlternateAsync<T>(int rounds, Func<Task<T>> a, Func<Task<T>> b)
    {
        var ofA = new List<T>();
        var ofB = new List<T>();
        for (var round = 0; round < rounds; round++)
        {
            if (round % 2 == 0)
            {
                ofA.Add(await a());
                ofB.Add(await b());
            }
            else
            {
                ofB.Add(await b());
                ofA.Add(await a());
            }
        }

        return (ofA, ofB);
    }

    /// <summary>
    /// Warms both pages, then loads them in alternating rounds; the total time of each. The big side
    /// is the one under test, the small side its same-process baseline.
    /// </summary>
    public static async Task<(TimeSpan Big, TimeSpan Small)> CompareAsync(HttpClient big, string bigPath, HttpClient small, string smallPath, int rounds, int requestsPerRound, int concurrency)
    {
        await SendAsync(big, bigPath, 100, concurrency);
        await SendAsync(small, smallPath, 100, concurrency);
        var (bigRounds, smallRounds) = await AlternateAsync(rounds, () => SendAsync(big, bigPath, requestsPerRound, concurrency), () => SendAsync(small, smallPath, requestsPerRound, concurrency));
        return (bigRounds.Aggregate(TimeSpan.Zero, (sum, time) => sum + time), smallRounds.Aggregate(TimeSpan.Zero, (sum, time) => sum + time));
    }
}
