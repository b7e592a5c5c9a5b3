using System.Net;
using System.Net.Sockets;
using DnsClient;
using DnsClient.Protocol;
using Microsoft.Extensions.Options;

namespace PartnerPortal.Tenancy;

/// <summary>
/// What DNS says about a name, or why it could not say. A name that does not exist is an empty
/// answer, not an error: only a failed lookup (timeout, SERVFAIL, refused) sets <see cref="Error"/>.
/// </summary>
public sealed record DnsAnswer(IReadOnlyList<string> Values, string? Error = null)
{
    public bool Failed => Error is not null;
}

/// <summary>
/// The live DNS lookups behind custom-domain (T2) and DKIM (T8) verification, asked of
/// <see cref="TenancyOptions.DnsServer"/> or the system resolvers. Nothing is cached: a person who
/// just created a record must see it count on the next click.
/// </summary>
public sealed class DnsRecords(IOptions<TenancyOptions> options)
{
    private readonly Lazy<LookupClient> _client = new(() => CreateClient(options.Value.DnsServer));

    /// <summary>Each TXT record at <paramref name="name"/>, its strings joined as RFC 7208/6376 read them.</summary>
    public async Task<DnsAnswer> TxtAsync(string name, CancellationToken cancellationToken) =>
        await QueryAsync(name, QueryType.TXT, r => r is TxtRecord txt ? string.Concat(txt.Text) : null, cancellationToken);

    /// <summary>The CNAME target of <paramref name="name"/> (normalized, no trailing dot), if it has one.</summary>
    public async Task<DnsAnswer> CnameAsync(string name, CancellationToken cancellationToken) =>
        await QueryAsync(name, QueryType.CNAME, r => r is CNameRecord cname ? Normalize(cname.CanonicalName.Value) : null, cancellationToken);

    /// <summary>The IPv4 and IPv6 addresses <paramref name="name"/> resolves to, through any CNAME chain.</summary>
    public async Task<DnsAnswer> AddressesAsync(string name, CancellationToken cancellationToken)
    {
        var v4 = await QueryAsync(name, QueryType.A, r => r is ARecord a ? a.Address.ToString() : null, cancellationToken);
        if (v4.Failed) return v4;
        var v6 = await QueryAsync(name, QueryType.AAAA, r => r is AaaaRecord a ? a.Address.ToString() : null, cancellationToken);
        return v6.Failed ? v6 : new DnsAnswer([.. v4.Values, .. v6.Values]);
    }

    private async Task<DnsAnswer> QueryAsync(string name, QueryType type, Func<DnsResourceRecord, string?> read, CancellationToken cancellationToken)
    {
        try
        {
            var response = await _client.Value.QueryAsync(name, type, QueryClass.IN, cancellationToken);
            if (response.HasError)
            {
                return response.Header.ResponseCode == DnsHeaderResponseCode.NotExistentDomain
                    ? new DnsAnswer([])
                    : new DnsAnswer([], $"the DNS server answered {response.ErrorMessage}");
            }

            return new DnsAnswer(response.Answers.Select(read).OfType<string>().Distinct(StringComparer.Ordinal).ToList());
        }
        catch (DnsResponseException ex)
        {
            return new DnsAnswer([], ex.Code == DnsResponseCode.ConnectionTimeout ? "the DNS server did not answer in time" : ex.Message);
        }
        catch (SocketException ex)
        {
            return new DnsAnswer([], $"the DNS server could not be reached ({ex.SocketErrorCode})");
        }
    }

    private static string Normalize(string name) =>
        HostName.TryNormalize(name, out var host) ? host : name.TrimEnd('.').ToLowerInvariant();

    private static LookupClient CreateClient(string? servers)
    {
        var endpoints = ParseServers(servers);
        var lookup = endpoints.Count == 0 ? new LookupClientOptions() : new LookupClientOptions(endpoints.ToArray());
        lookup.UseCache = false;
        lookup.Timeout = TimeSpan.FromSeconds(3);
        lookup.Retries = 1;
        lookup.ThrowDnsErrors = false;
        lookup.ContinueOnDnsError = true;
        return new LookupClient(lookup);
    }

    /// <summary><c>host:port</c> entries, comma-separated; a missing port is 53.</summary>
    public static IReadOnlyList<IPEndPoint> ParseServers(string? servers)
    {
        var endpoints = new List<IPEndPoint>();
        if (string.IsNullOrWhiteSpace(servers)) return endpoints;

        foreach (var entry in servers.Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (IPEndPoint.TryParse(entry, out var endpoint))
            {
                endpoints.Add(endpoint.Port == 0 ? new IPEndPoint(endpoint.Address, 53) : endpoint);
                continue;
            }

            var colon = entry.LastIndexOf(':');
            var host = colon > 0 ? entry[..colon] : entry;
            var port = colon > 0 && int.TryParse(entry[(colon + 1)..], out var p) ? p : 53;
            var address = Dns.GetHostAddresses(host).FirstOrDefault()
                          ?? throw new InvalidOperationException($"Tenancy:DnsServer '{entry}' does not resolve to an address.");
            endpoints.Add(new IPEndPoint(address, port));
        }

        return endpoints;
    }
}
