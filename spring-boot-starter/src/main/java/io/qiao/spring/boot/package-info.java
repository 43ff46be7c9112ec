/**
 * Spring Boot auto-configuration for Qiao: clients, state stores, scheduled sync jobs, metrics and Actuator.
 */
package io.qiao.spring.boot;
