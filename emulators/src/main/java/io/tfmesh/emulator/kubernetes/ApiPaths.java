package io.tfmesh.emulator.kubernetes;

/** REST paths of the objects the emulator keeps. */
final class ApiPaths {

	private ApiPaths() {
	}

	static String namespaces() {
		return "/api/v1/namespaces";
	}

	static String nodes() {
		return "/api/v1/nodes";
	}

	static String node(String name) {
		return nodes() + "/" + name;
	}

	static String configMaps(String namespace) {
		return "/api/v1/namespaces/" + namespace + "/configmaps";
	}

	static String configMap(String namespace, String name) {
		return configMaps(namespace) + "/" + name;
	}

	static String services(String namespace) {
		return "/api/v1/namespaces/" + namespace + "/services";
	}

	static String pods(String namespace) {
		return "/api/v1/namespaces/" + namespace + "/pods";
	}

	static String pod(String namespace, String name) {
		return pods(namespace) + "/" + name;
	}

	static String daemonSets(String namespace) {
		return "/apis/apps/v1/namespaces/" + namespace + "/daemonsets";
	}

	static String daemonSet(String namespace, String name) {
		return daemonSets(namespace) + "/" + name;
	}

	static String withoutQuery(String path) {
		int query = path.indexOf('?');
		return (query >= 0) ? path.substring(0, query) : path;
	}

}
