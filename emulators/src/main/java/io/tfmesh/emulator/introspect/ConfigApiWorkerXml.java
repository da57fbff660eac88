package io.tfmesh.emulator.introspect;

/**
 * The answer of {@code Snh_SandeshUVECacheReq?x=ConfigApiWorker} on the config API's introspect
 * port: one {@code ConfigApiWorkerTrace} per worker, with the fields of tf-controller's
 * {@code src/config/uve/config_api_worker.sandesh}, filled as {@code api_server.py} fills them.
 */
final class ConfigApiWorkerXml {

	/** {@code CONFIG_API_ADMIN_PORT}'s default (tf-container-builder's {@code containers/base/common.sh}). */
	private static final int ADMIN_PORT = 8095;

	private ConfigApiWorkerXml() {
	}

	static String of(String listenAddress, int workers, boolean ssl) {
		StringBuilder xml = new StringBuilder(512 * workers);
		xml.append("<?xml-stylesheet type=\"text/xsl\" href=\"/universal_parse.xsl\"?>")
			.append("<__ConfigApiWorkerTrace_list type=\"slist\">");
		for (int worker = 0; worker < workers; worker++) {
			int introspect = IntrospectEmulator.configApiWorkerPort(worker);
			int admin = (worker == 0) ? ADMIN_PORT : 20000 + ADMIN_PORT + worker - 1;
			xml.append("<ConfigApiWorkerTrace type=\"sandesh\"><data type=\"struct\" identifier=\"1\"><ConfigApiWorker>")
				.append("<name type=\"string\" identifier=\"1\" key=\"none\">worker-")
				.append(worker)
				.append("</name>");
			string(xml, "worker_id", 2, Integer.toString(worker));
			string(xml, "introspect_port", 3, Integer.toString(introspect));
			string(xml, "admin_port", 4, Integer.toString(admin));
			string(xml, "introspect_url", 5, (ssl ? "https" : "http") + "://" + listenAddress + ":" + introspect);
			xml.append("</ConfigApiWorker></data></ConfigApiWorkerTrace>");
		}
		return xml.append("<SandeshUVECacheResp type=\"sandesh\"><returned type=\"u32\" identifier=\"1\">")
			.append(workers)
			.append("</returned><more type=\"bool\" identifier=\"0\">false</more></SandeshUVECacheResp>")
			.append("</__ConfigApiWorkerTrace_list>")
			.toString();
	}

	private static void string(StringBuilder xml, String field, int identifier, String value) {
		xml.append('<')
			.append(field)
			.append(" type=\"string\" identifier=\"")
			.append(identifier)
			.append("\">")
			.append(value)
			.append("</")
			.append(field)
			.append('>');
	}

}
