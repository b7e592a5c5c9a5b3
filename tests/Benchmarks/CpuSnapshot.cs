using System.Globalization;

namespace PartnerPortal.Benchmarks;

/// <summary>
/// CPU time around a round: this process (the portals), its finished children (wrk), and the whole
/// machine from /proc/stat. On a shared two-core machine other processes take a varying share, so
/// wall-clock req/s swings with them; server CPU per request does not.
/// </summary>
public readonly record struct CpuSnapshot(TimeSpan Process, TimeSpan Children, TimeSpan MachineBusy, TimeSpan MachineTotal, DateTime TakenAt)
{
    private const double TicksPerSecond = 100; // USER_HZ, 100 on Linux x86-64 and arm64

    public static CpuSnapshot Take()
    {
        var (busy, total) = ReadMachine();
        return new CpuSnapshot(Environment.CpuUsage.TotalTime, ReadChildren(), busy, total, DateTime.UtcNow);
    }

    /// <summary>Share of the machine (0–1) used by other processes or stolen by the hypervisor between two snapshots.</summary>
    public static double ForeignShare(CpuSnapshot before, CpuSnapshot after)
    {
        var total = (after.MachineTotal - before.MachineTotal).TotalSeconds;
        if (total <= 0) return double.NaN;
        var ours = (after.Process - before.Process + (after.Children - before.Children)).TotalSeconds;
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

    private static TimeSpan ReadChildren()
    {
        try
        {
            // Fields after "(comm) ": state is field 3, cutime and cstime are fields 16 and 17.
            var stat = File.ReadAllText("/proc/self/stat");
            var rest = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return Ticks(long.Parse(rest[13], CultureInfo.InvariantCulture) + long.Parse(rest[14], CultureInfo.InvariantCulture));
        }
        catch (IOException)
        {
            return TimeSpan.Zero;
        }
    }

    private static TimeSpan Ticks(long ticks) => TimeSpan.FromSeconds(ticks / TicksPerSecond);
}
