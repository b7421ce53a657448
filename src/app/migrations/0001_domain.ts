import { type Kysely, sql } from 'kysely';

// The walking skeleton's domain: hubs, the register of schools, projects (NCP),
// Work Groups with every section of a hub's Work Group page, and their sessions.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE hubs (
      id serial PRIMARY KEY,
      slug text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
      name text NOT NULL UNIQUE,
      region text NOT NULL,
      area text NOT NULL,
      enquiries_email text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    );

    CREATE TABLE schools (
      urn integer PRIMARY KEY CHECK (urn > 0),
      name text NOT NULL,
      phase text NOT NULL,
      type text NOT NULL,
      state_funded boolean NOT NULL,
      local_authority text NOT NULL,
      postcode text NOT NULL,
      trust text,
      hub_id integer REFERENCES hubs (id),
      status text NOT NULL DEFAULT 'Open',
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX schools_hub_idx ON schools (hub_id);
    CREATE INDEX schools_postcode_idx ON schools (postcode);

    CREATE TABLE projects (
      id serial PRIMARY KEY,
      ncp_code text NOT NULL UNIQUE CHECK (ncp_code ~ '^NCP[0-9]{2}-[0-9]{2}$'),
      title text NOT NULL,
      academic_year text NOT NULL CHECK (academic_year ~ '^[0-9]{4}/[0-9]{2}$'),
      phase text NOT NULL CHECK (phase IN ('primary', 'secondary', 'cross-phase', 'post-16')),
      strand text NOT NULL CHECK (strand IN ('teaching-for-mastery', 'subject-leadership', 'sktm', 'mat-leads',
        'continuity', 'core-maths', 'mastery-specialists')),
      commitment_days numeric(4, 1) NOT NULL CHECK (commitment_days > 0),
      description text NOT NULL DEFAULT '',
      themes text[] NOT NULL DEFAULT '{}'
    );

    CREATE TABLE project_links (
      project_id integer NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
      requires_project_id integer NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
      PRIMARY KEY (project_id, requires_project_id),
      CHECK (project_id <> requires_project_id)
    );

    CREATE TABLE people (
      id serial PRIMARY KEY,
      name text NOT NULL,
      email text UNIQUE,
      role_title text,
      bio text NOT NULL DEFAULT '',
      hub_id integer REFERENCES hubs (id)
    );

    CREATE TABLE work_groups (
      id serial PRIMARY KEY,
      code text NOT NULL UNIQUE CHECK (code ~ '^WRK[0-9A-Z-]{3,20}$'),
      hub_id integer REFERENCES hubs (id),
      project_id integer NOT NULL REFERENCES projects (id),
      title text NOT NULL CHECK (length(title) BETWEEN 3 AND 200),
      theme text,
      summary text NOT NULL,
      mode text NOT NULL CHECK (mode IN ('face_to_face', 'online', 'blended', 'tbc')),
      purpose text NOT NULL DEFAULT '',
      who_for text NOT NULL DEFAULT '',
      what_it_involves text NOT NULL DEFAULT '',
      benefits text NOT NULL DEFAULT '',
      cost text NOT NULL DEFAULT 'Free',
      wider_context text NOT NULL DEFAULT '',
      expectations text NOT NULL DEFAULT '',
      schedule_note text NOT NULL DEFAULT '',
      lead_information text NOT NULL DEFAULT '',
      joining_details_days integer NOT NULL DEFAULT 10 CHECK (joining_details_days BETWEEN 0 AND 60),
      places_total integer NOT NULL CHECK (places_total > 0),
      places_taken integer NOT NULL DEFAULT 0 CHECK (places_taken >= 0 AND places_taken <= places_total),
      participants_per_school integer NOT NULL DEFAULT 2 CHECK (participants_per_school BETWEEN 1 AND 20),
      publication text NOT NULL DEFAULT 'draft' CHECK (publication IN ('draft', 'published', 'closed', 'archived')),
      registration_opens_on date,
      registration_closes_on date,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      search_vector tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('english', coalesce(title, '') || ' ' || coalesce(theme, '')), 'A') ||
        setweight(to_tsvector('english', coalesce(summary, '') || ' ' || coalesce(who_for, '')), 'B') ||
        setweight(to_tsvector('english', coalesce(purpose, '') || ' ' || coalesce(what_it_involves, '')), 'C')
      ) STORED,
      CHECK (registration_closes_on IS NULL OR registration_opens_on IS NULL OR registration_closes_on >= registration_opens_on)
    );
    CREATE INDEX work_groups_hub_idx ON work_groups (hub_id);
    CREATE INDEX work_groups_project_idx ON work_groups (project_id);
    CREATE INDEX work_groups_search_idx ON work_groups USING gin (search_vector);

    CREATE TABLE work_group_outcomes (
      work_group_id integer NOT NULL REFERENCES work_groups (id) ON DELETE CASCADE,
      area text NOT NULL CHECK (area IN ('pupil', 'departmental', 'practice', 'professional')),
      lead_in text NOT NULL DEFAULT '',
      items text[] NOT NULL DEFAULT '{}',
      PRIMARY KEY (work_group_id, area)
    );

    CREATE TABLE work_group_sections (
      id serial PRIMARY KEY,
      work_group_id integer NOT NULL REFERENCES work_groups (id) ON DELETE CASCADE,
      position integer NOT NULL,
      heading text NOT NULL,
      body text NOT NULL,
      UNIQUE (work_group_id, position)
    );

    CREATE TABLE work_group_leaders (
      work_group_id integer NOT NULL REFERENCES work_groups (id) ON DELETE CASCADE,
      person_id integer NOT NULL REFERENCES people (id),
      position integer NOT NULL DEFAULT 0,
      PRIMARY KEY (work_group_id, person_id)
    );

    CREATE TABLE sessions (
      id serial PRIMARY KEY,
      work_group_id integer NOT NULL REFERENCES work_groups (id) ON DELETE CASCADE,
      workshop_number integer NOT NULL CHECK (workshop_number > 0),
      title text,
      date_to_be_confirmed boolean NOT NULL DEFAULT false,
      starts_at timestamptz,
      ends_at timestamptz,
      mode text NOT NULL CHECK (mode IN ('face_to_face', 'online', 'blended', 'tbc')),
      venue_name text,
      venue_address text,
      UNIQUE (work_group_id, workshop_number),
      CHECK (
        (date_to_be_confirmed AND starts_at IS NULL AND ends_at IS NULL)
        OR (NOT date_to_be_confirmed AND starts_at IS NOT NULL AND ends_at IS NOT NULL AND ends_at > starts_at)
      )
    );
    CREATE INDEX sessions_starts_idx ON sessions (starts_at);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP TABLE sessions, work_group_leaders, work_group_sections, work_group_outcomes,
      work_groups, people, project_links, projects, schools, hubs;
  `.execute(db);
}
