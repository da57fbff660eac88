package io.tfmesh.fabric.kubernetes;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A container of a workload's pod template, with where its environment comes from. Kubernetes
 * builds the environment from {@code envFrom} in order (a later source wins), then {@code env}
 * (which wins over all of them).
 */
public record ContainerSpec(String name, @Nullable String image, List<EnvSource> envFrom, List<EnvSetting> env) {

	public ContainerSpec {
		envFrom = List.copyOf(envFrom);
		env = List.copyOf(env);
	}

}
