namespace PartnerPortal.Modularity;

public static class Industries
{
    public static readonly IReadOnlyList<string> All = ["Healthcare", "Dental and medical practices", "Financial services", "Manufacturing", "Retail and e-commerce", "Professional services", "Fitness and wellness", "Education", "Public sector", "Nonprofit", "Technology", "Hospitality"];
}
