package io.tfmesh.sandbox;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the emulated clusters listen.
 *
 * @param basePort cluster i serves its Kubernetes API on {@code basePort + 10 i} and its TF
 * config API on {@code basePort + 10 i + 1}; 0 puts each on any free port (the registered
 * clusters follow them at every start)
 * @param nodeAddressPrefix the first two octets of the emulated nodes' loopback addresses: node n
 * of cluster i is {@code <prefix>.<10 + i>.<n>}, where its TF processes answer introspect on
 * TF's own ports
 * @param observeOnStart whether every sandbox cluster is observed right after start
 */
@ConfigurationProperties("tfmesh.sandbox")
public record SandboxSettings(@DefaultValue("18000") int basePort, @DefaultValue("127.0") String nodeAddressPrefix,
		@DefaultValue("true") boolean observeOnStart) {
}
