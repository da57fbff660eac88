package io.tfmesh.system.web;

import org.apache.catalina.core.StandardHost;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.converter.HttpMessageConverters;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;

/**
 * How requests are read: bounded before anything parses them, JSON bodies strict (an unknown
 * property or a NUL character is refused, naming the field), and Tomcat's own errors answered
 * as problem details.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RequestLimits.class)
class RequestParsingConfiguration implements WebMvcConfigurer {

	private final JsonMapper json;

	RequestParsingConfiguration(JsonMapper json) {
		this.json = json;
	}

	@Bean
	FilterRegistrationBean<RequestScreeningFilter> requestScreeningFilter(RequestLimits limits) {
		FilterRegistrationBean<RequestScreeningFilter> registration = new FilterRegistrationBean<>(
				new RequestScreeningFilter(limits, json));
		// ahead of security: an anonymous client must not make tfmesh read a large body either
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
		return registration;
	}

	@Bean
	WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemErrorReports() {
		return factory -> factory.addContextCustomizers(context -> {
			if (context.getParent() instanceof StandardHost host) {
				host.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
			}
		});
	}

	@Override
	public void configureMessageConverters(HttpMessageConverters.ServerBuilder builder) {
		// only request bodies are strict: the connectors share the application's mapper to read
		// what clusters answer, where unknown properties are normal
		JsonMapper strict = json.rebuild()
			.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
			.addModule(new SimpleModule("tfmesh-requests").addDeserializer(String.class,
					new NulRefusingStringDeserializer()))
			.build();
		builder.withJsonConverter(new JacksonJsonHttpMessageConverter(strict));
	}

}
