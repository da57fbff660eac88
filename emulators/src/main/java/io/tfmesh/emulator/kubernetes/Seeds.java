package io.tfmesh.emulator.kubernetes;

import java.util.List;

/** A cluster installed with the single-yaml defaults, for tests of what talks to an emulated cluster. */
public final class Seeds {

	public static final String MASTER = "aws-east-master";

	public static final String WORKER = "aws-east-worker";

	private Seeds() {
	}

	public static KubernetesSeed awsEast() {
		return new KubernetesSeed("v1.28.2", "10.32.0.0/12", "10.96.0.0/12", "cluster.local",
				List.of(new SeedNode(MASTER, "127.0.10.1", List.of("control-plane", "opencontrail.org/controller")),
						new SeedNode(WORKER, "127.0.10.2", List.of("opencontrail.org/vrouter"))),
				KubernetesSeed.standaloneEnv("127.0.10.1", "172.31.0.1", "eth0"),
				KubernetesSeed.kubeManagerConfig("127.0.10.1"));
	}

}
