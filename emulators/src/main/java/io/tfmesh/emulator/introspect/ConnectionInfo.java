package io.tfmesh.emulator.introspect;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A {@code ConnectionInfo} of Sandesh's {@code process_info.sandesh}.
 *
 * @param type IFMap, XMPP, Collector, Database, ToR, ...
 * @param name for example {@code control-node:10.0.0.1} on a vrouter agent; may be empty
 * @param serverAddrs {@code host:port} of the peers
 * @param status {@code Initializing}, {@code Down} or {@code Up}
 */
public record ConnectionInfo(String type, String name, List<String> serverAddrs, String status,
		@Nullable String description) {

	public static final String UP = "Up";

	public static final String DOWN = "Down";

	public ConnectionInfo {
		serverAddrs = List.copyOf(serverAddrs);
	}

}
