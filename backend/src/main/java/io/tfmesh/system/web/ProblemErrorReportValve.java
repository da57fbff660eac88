package io.tfmesh.system.web;

import java.io.IOException;
import java.io.Writer;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;

/**
 * Answers the errors Tomcat meets before any servlet runs (an oversized header, a malformed
 * request line) with a problem document instead of Tomcat's HTML page. Public, with a public
 * constructor, because Tomcat instantiates it by class name.
 */
public class ProblemErrorReportValve extends ErrorReportValve {

	@Override
	protected void report(Request request, Response response, Throwable throwable) {
		int status = response.getStatus();
		if (status < 400 || response.getContentWritten() > 0) {
			return;
		}
		AtomicBoolean ioAllowed = new AtomicBoolean(false);
		response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
		if (!ioAllowed.get()) {
			return;
		}
		String detail = switch (status) {
			case 400 -> "The request could not be read: its request line or headers are malformed or too large";
			case 413 -> "The request is larger than tfmesh accepts";
			case 431 -> "The request headers are larger than tfmesh accepts";
			default -> status >= 500 ? "tfmesh could not complete the request; the server log has the details"
					: "The request was refused";
		};
		try {
			response.setContentType("application/problem+json");
			response.setCharacterEncoding("UTF-8");
			Writer writer = response.getReporter();
			if (writer != null) {
				writer.write("{\"type\":\"urn:tfmesh:problem:" + (status == 400 ? "bad-request" : "http-" + status)
						+ "\",\"title\":\"" + title(status) + "\",\"status\":" + status + ",\"detail\":\"" + detail
						+ "\"}");
				response.finishResponse();
			}
		}
		catch (IOException | IllegalStateException ex) {
			// the connection is already gone or the response was committed: nothing left to tell
		}
	}

	private static String title(int status) {
		org.springframework.http.HttpStatus known = org.springframework.http.HttpStatus.resolve(status);
		return known == null ? "Error" : known.getReasonPhrase();
	}

}
