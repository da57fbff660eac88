package io.tfmesh.mesh;

import java.util.List;

/**
 * Defaults that keep a new mesh clear of the underlays clouds hand out unasked: AWS's default
 * VPC (172.31.0.0/16) and its wizard's 10.0.0.0/16, GCP's auto-mode 10.128.0.0/9 and Azure's
 * 10.0.0.0/16.
 */
public final class MeshDefaults {

	/** Private 2-byte ASNs (RFC 6996). */
	public static final long PRIVATE_ASN_MIN = 64512;

	public static final long PRIVATE_ASN_MAX = 65534;

	/** Private 4-byte ASNs (RFC 6996), for meshes that outgrow the 2-byte range. */
	public static final long PRIVATE_4BYTE_ASN_MIN = 4_200_000_000L;

	public static final long PRIVATE_4BYTE_ASN_MAX = 4_294_967_294L;

	/**
	 * Pods from the shared address space 100.64.0.0/10 (a /16, 65,536 addresses, per cluster);
	 * services and ip-fabric from 10.96.0.0/11 and 10.64.0.0/11 (a /20 each), which hold TF's
	 * own defaults 10.96.0.0/12 and 10.64.0.0/12, so a cluster installed with them can keep
	 * them while it is alone with them.
	 */
	public static final List<MeshRequest.Pool> POOLS = List.of(new MeshRequest.Pool(Kind.POD, "100.64.0.0/10", 16),
			new MeshRequest.Pool(Kind.SERVICE, "10.96.0.0/11", 20), new MeshRequest.Pool(Kind.FABRIC, "10.64.0.0/11", 20));

	private MeshDefaults() {
	}

}
