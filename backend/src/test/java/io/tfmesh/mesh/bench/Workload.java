package io.tfmesh.mesh.bench;

import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import io.tfmesh.net.Cidr;

/**
 * Pod, service and fabric CIDRs for every cluster of one mesh. Sizes are mixed (one cluster in
 * ten needs a bigger pod and service block, one in ten a smaller pod block, one in three a
 * smaller fabric block), and the usual cloud underlays plus an admin reservation are taken
 * before the first cluster, some of them inside the pools.
 */
record Workload(int clusters) {

	/** Member clouds with the usual defaults for underlays, and an on-premises site. */
	static final List<Cloud> CLOUDS = List.of(
			// the AWS default VPC, and the VPC wizard's default (also Azure's)
			new Cloud("aws", "AWS", "us-east-1", List.of(Cidr.parse("172.31.0.0/16"), Cidr.parse("10.0.0.0/16")),
					"172.31.0.1"),
			// GCP auto-mode VPCs
			new Cloud("gcp", "GCP", "europe-west1", List.of(Cidr.parse("10.128.0.0/9")), "10.128.0.1"),
			new Cloud("dc1", "ON_PREM", "fra1", List.of(Cidr.parse("192.168.0.0/16")), "192.168.0.1"));

	/** An admin's reservation inside the fabric pool. */
	static final Cidr ADMIN_RESERVATION = Cidr.parse("100.100.0.0/16");

	/** Everything taken before the first cluster: the underlays and the admin's reservation. */
	static final List<Cidr> RESERVED = Stream
		.concat(CLOUDS.stream().flatMap(cloud -> cloud.underlays().stream()), Stream.of(ADMIN_RESERVATION))
		.toList();

	record Cloud(String name, String provider, String region, List<Cidr> underlays, String gateway) {

	}

	enum Kind {

		/** 16.7M addresses less the two underlays inside: room for 10,000 /22-/24 pod blocks. */
		POD("10.0.0.0/8"),

		/** 1M addresses less the AWS default VPC: room for 10,000 /25-/26 service blocks. */
		SERVICE("172.16.0.0/12"),

		/** 4.2M addresses less a reservation: room for 10,000 /24-/26 ip-fabric blocks. */
		FABRIC("100.64.0.0/10");

		private final Cidr pool;

		Kind(String pool) {
			this.pool = Cidr.parse(pool);
		}

		Cidr pool() {
			return pool;
		}

		String column() {
			return name().toLowerCase(Locale.ROOT);
		}

	}

	int prefixLength(Kind kind, int cluster) {
		return switch (kind) {
			case POD -> cluster % 10 == 0 ? 22 : (cluster % 10 == 5 ? 24 : 23);
			case SERVICE -> cluster % 10 == 0 ? 25 : 26;
			case FABRIC -> cluster % 3 == 0 ? 26 : 24;
		};
	}

	int allocations() {
		return clusters * Kind.values().length;
	}

}
