using System.Globalization;

namespace PartnerPortal.Benchmarks;

/// <summary>
/// CPU time around a round: this process (the portals hosted in it), the portal instances running
/// as processes of their own (<see cref="Instances"/>), the database and cache servers run.sh
/// started for them (<see cref="Servers"/>), its finished children (wrk), and the whole machine
/// from /proc/stat. On a shared two-core machine other processes take a varying share, so
/// wall-clock req/s swings with them; server CPU per request does not.
/// </summary>
public readonly record struct CpuSnapshot(TimeSpan Process, TimeSpan Instances, TimeSpan Servers, TimeSpan Children, TimeSpan MachineBusy, TimeSpan MachineTotal, DateTime TakenAt)
{
    /// <summary>Process ids (comma-separated) of the PostgreSQL postmaster and Redis that run.sh started; their CPU is the portals' too.</summary>
    public const string ServersVariable = "PORTAL_BENCH_SERVER_PIDS";

    private const double TicksPerSecond = 100; // USER_HZ, 100 on Linux x86-64 and arm64

    private static readonly int[] ServerIds = (Environment.GetEnvironmentVariable(ServersVariable) ?? string.Empty)
        .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
        .Select(id => int.Parse(id, CultureInfo.InvariantCulture)).ToArray();

    /// <summary>This process's CPU, its instances' and its servers': what serving the requests cost, wherever it ran.</summary>
    public TimeSpan Portals => Process + Instances + Servers;

    /// <param name="instances">Ids of portal instances running as processes of their own.</param>
    public static CpuSnapshot Take(IReadOnlyList<int>? instances = null)
    {
        var (busy, total) = ReadMachine();
        var instanceTicks = (instances ?? []).Sum(id => Stat(id.ToString(CultureInfo.InvariantCulture)) is { } instance ? instance.OwnTicks : 0);
        return new CpuSnapshot(Environment.CpuUsage.TotalTime, Ticks(instanceTicks), ReadServers(), ReadChildren(), busy, total, DateTime.UtcNow);
    }

    /// <summary>Share of the machine (0–1) used by other processes or stolen by the hypervisor between two snapshots.</summary>
    public static double ForeignShare(CpuSnapshot before, CpuSnapshot after)
    {
        var total = (after.MachineTotal - before.MachineTotal).TotalSeconds;
        if (total <= 0) return double.NaN;
        var ours = (after.Portals - before.Portals + (after.Children - before.Children)).TotalSeconds;
        var busy = (after.MachineBusy - before.MachineBusy).TotalSeconds;
        return Math.Clamp((busy - ours) / total, 0, 1);
    }

    private static (TimeSpan Busy, TimeSpan Total) ReadMachine()
    {
        try
        {
            // cpu  user nice system idle iowait irq softirq steal ...
            var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1)
                .Take(8).Select(f => long.Parse(f, CultureInfo.InvariantCulture)).ToArray();
            var idle = fields[3] + fields[4];
            var total = fields.Sum();
            return (Ticks(total - idle), Ticks(total));
        }
        catch (IOException)
        {
            return (TimeSpan.Zero, TimeSpan.Zero);
        }
    }

    private static TimeSpan ReadChildren() => Stat("self") is { } self ? Ticks(self.ChildrenTicks) : TimeSpan.Zero;

    /// <summary>
    /// Each server with its finished children and, since PostgreSQL serves each connection from a
    /// process of its own that lives as long as the pooled connection, its live children.
    /// </summary>
    private static TimeSpan ReadServers()
    {
        if (ServerIds.Length == 0) return TimeSpan.Zero;
        var ticks = 0L;
        foreach (var id in ServerIds)
        {
            if (Stat(id.ToString(CultureInfo.InvariantCulture)) is { } server) ticks += server.OwnTicks + server.ChildrenTicks;
        }

        foreach (var folder in Directory.EnumerateDirectories("/proc"))
        {
            var name = Path.GetFileName(folder);
            if (!char.IsAsciiDigit(name[0])) continue;
            if (Stat(name) is { } process && ServerIds.Contains(process.ParentId)) ticks += process.OwnTicks;
        }

        return Ticks(ticks);
    }

    private readonly record struct ProcessStat(int ParentId, long OwnTicks, long ChildrenTicks);

    private static ProcessStat? Stat(string process)
    {
        try
        {
            // Fields after "(comm) ": ppid is field 4, utime and stime 14 and 15, cutime and cstime 16 and 17.
            var stat = File.ReadAllText($"/proc/{process}/stat");
            var rest = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            long Field(int number) => long.Parse(rest[number - 3], CultureInfo.InvariantCulture);
            return new ProcessStat((int)Field(4), Field(14) + Field(15), Field(16) + Field(17));
        }
        catch (IOException)
        {
            // The process ended between listing /proc and reading it.
            return null;
        }
    }

    private static TimeSpan Ticks(long ticks) => TimeSpan.FromSeconds(ticks / TicksPerSecond);
}
