package io.sharedmemory.core.internal.codec.model;

import java.util.Objects;

/** A plain object with private fields, getters and setters, and a computed getter. */
public class Person {
    private String name;
    private int age;

    public Person() {
    }

    public Person(String name, int age) {
        this.name = name;
        this.age = age;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public int getAge() {
        return age;
    }

    public void setAge(int age) {
        this.age = age;
    }

    /** Not state: must not end up in the JSON, or the value would not read back. */
    public String getGreeting() {
        return "Hello " + name;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Person p && age == p.age && Objects.equals(name, p.name);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, age);
    }
}
