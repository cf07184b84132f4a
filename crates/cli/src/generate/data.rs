//! Word lists and real city centres that `hallway generate` draws synthetic records from.

/// Real city centres (city, country, code, lat, lon, IANA zone, standard UTC offset in minutes).
/// Places are scattered around them; the offset ignores summer time, which is fine for synthetic data.
#[rustfmt::skip]
pub const CITIES: &[(&str, &str, &str, f64, f64, &str, i16)] = &[
    ("Berlin", "Germany", "DE", 52.52, 13.405, "Europe/Berlin", 60),
    ("Düsseldorf", "Germany", "DE", 51.2277, 6.7735, "Europe/Berlin", 60),
    ("Dublin", "Ireland", "IE", 53.3498, -6.2603, "Europe/Dublin", 0),
    ("London", "United Kingdom", "GB", 51.5072, -0.1276, "Europe/London", 0),
    ("Paris", "France", "FR", 48.8566, 2.3522, "Europe/Paris", 60),
    ("Brussels", "Belgium", "BE", 50.8503, 4.3517, "Europe/Brussels", 60),
    ("Amsterdam", "Netherlands", "NL", 52.3676, 4.9041, "Europe/Amsterdam", 60),
    ("Prague", "Czechia", "CZ", 50.0755, 14.4378, "Europe/Prague", 60),
    ("Brno", "Czechia", "CZ", 49.1951, 16.6068, "Europe/Prague", 60),
    ("Vienna", "Austria", "AT", 48.2082, 16.3738, "Europe/Vienna", 60),
    ("Zürich", "Switzerland", "CH", 47.3769, 8.5417, "Europe/Zurich", 60),
    ("Barcelona", "Spain", "ES", 41.3874, 2.1686, "Europe/Madrid", 60),
    ("Lisbon", "Portugal", "PT", 38.7223, -9.1393, "Europe/Lisbon", 0),
    ("Milan", "Italy", "IT", 45.4642, 9.19, "Europe/Rome", 60),
    ("Stockholm", "Sweden", "SE", 59.3293, 18.0686, "Europe/Stockholm", 60),
    ("Helsinki", "Finland", "FI", 60.1699, 24.9384, "Europe/Helsinki", 120),
    ("Warsaw", "Poland", "PL", 52.2297, 21.0122, "Europe/Warsaw", 60),
    ("Athens", "Greece", "GR", 37.9838, 23.7275, "Europe/Athens", 120),
    ("Seattle", "United States", "US", 47.6062, -122.3321, "America/Los_Angeles", -480),
    ("San Francisco", "United States", "US", 37.7749, -122.4194, "America/Los_Angeles", -480),
    ("Portland", "United States", "US", 45.5152, -122.6784, "America/Los_Angeles", -480),
    ("Austin", "United States", "US", 30.2672, -97.7431, "America/Chicago", -360),
    ("Chicago", "United States", "US", 41.8781, -87.6298, "America/Chicago", -360),
    ("Boston", "United States", "US", 42.3601, -71.0589, "America/New_York", -300),
    ("New York", "United States", "US", 40.7128, -74.006, "America/New_York", -300),
    ("Raleigh", "United States", "US", 35.7796, -78.6382, "America/New_York", -300),
    ("Toronto", "Canada", "CA", 43.6532, -79.3832, "America/Toronto", -300),
    ("Vancouver", "Canada", "CA", 49.2827, -123.1207, "America/Vancouver", -480),
    ("Mexico City", "Mexico", "MX", 19.4326, -99.1332, "America/Mexico_City", -360),
    ("São Paulo", "Brazil", "BR", -23.5505, -46.6333, "America/Sao_Paulo", -180),
    ("Buenos Aires", "Argentina", "AR", -34.6037, -58.3816, "America/Argentina/Buenos_Aires", -180),
    ("Tokyo", "Japan", "JP", 35.6762, 139.6503, "Asia/Tokyo", 540),
    ("Seoul", "South Korea", "KR", 37.5665, 126.978, "Asia/Seoul", 540),
    ("Shanghai", "China", "CN", 31.2304, 121.4737, "Asia/Shanghai", 480),
    ("Singapore", "Singapore", "SG", 1.3521, 103.8198, "Asia/Singapore", 480),
    ("Bangalore", "India", "IN", 12.9716, 77.5946, "Asia/Kolkata", 330),
    ("Tel Aviv", "Israel", "IL", 32.0853, 34.7818, "Asia/Jerusalem", 120),
    ("Sydney", "Australia", "AU", -33.8688, 151.2093, "Australia/Sydney", 600),
    ("Wellington", "New Zealand", "NZ", -41.2865, 174.7762, "Pacific/Auckland", 720),
    ("Cape Town", "South Africa", "ZA", -33.9249, 18.4241, "Africa/Johannesburg", 120),
    ("Nairobi", "Kenya", "KE", -1.2921, 36.8219, "Africa/Nairobi", 180),
];

#[rustfmt::skip]
pub const WORDS: &[&str] = &[
    "kernel", "scheduler", "memory", "latency", "throughput", "container", "virtual", "machine",
    "storage", "network", "driver", "tracing", "profiling", "security", "boot", "firmware",
    "compiler", "runtime", "cluster", "orchestration", "migration", "snapshot", "filesystem",
    "cache", "queue", "interrupt", "device", "emulator", "hypervisor", "guest", "host", "image",
    "registry", "build", "release", "upstream", "patch", "review", "community", "maintainer",
    "testing", "fuzzing", "debugging", "observability", "metrics", "logging", "API", "interface",
    "design", "performance", "scaling", "workload", "edge", "cloud", "embedded", "real-time",
    "power", "thermal", "graphics", "audio", "input", "USB", "PCI", "NVMe", "RDMA", "eBPF", "Rust",
    "C", "Go", "Python", "toolchain", "linker", "package", "distribution", "update", "rollback",
    "policy", "sandbox", "isolation", "namespace", "cgroup", "socket", "protocol", "the", "a", "of",
    "to", "and", "in", "for", "with", "on", "how", "we", "our", "this", "talk", "shows", "explains",
    "covers", "describes", "new", "faster", "simpler", "safer", "years", "lessons", "learned",
    "from", "production", "at", "scale", "why", "what", "next",
];

#[rustfmt::skip]
pub const FIRST: &[&str] = &[
    "Anna", "Ben", "Chen", "Daniela", "Emil", "Fatima", "Giulia", "Hiro", "Ines", "Jakub", "Kavya",
    "Lars", "María", "Nikolai", "Olu", "Priya", "Quentin", "Rosa", "Stefan", "Tomás", "Uma",
    "Viktor", "Wen", "Xavier", "Yuki", "Zoë", "Amir", "Björn", "Camille", "Dmitri",
];
#[rustfmt::skip]
pub const LAST: &[&str] = &[
    "Novak", "Schmidt", "García", "Kim", "Okafor", "Rossi", "Tanaka", "Dubois", "Kowalski",
    "Larsen", "Patel", "Silva", "Müller", "Nguyen", "O'Brien", "Hajnoczi", "Svoboda", "Ivanova",
    "Chen", "Haddad", "Moreau", "Fischer", "Andersson", "Costa", "Yilmaz", "Sato", "Kaur",
];
#[rustfmt::skip]
pub const SYLLABLES: &[&str] = &[
    "ku", "ra", "lin", "vo", "tek", "qe", "mu", "zen", "dri", "flo", "nix", "bal", "tor", "sy",
    "gra", "pho", "lo", "ster", "ax", "el",
];
