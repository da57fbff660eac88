package io.tfmesh;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class TfmeshApplication {

	public static void main(String[] args) {
		SpringApplication.run(TfmeshApplication.class, args);
	}

}
