// The API's description (OpenAPI 3.1), served at /api/v1/openapi.json and shown at /api.
const error = { $ref: '#/components/schemas/Error' };
const json = (schema: object) => ({ content: { 'application/json': { schema } } });
const problem = (description: string) => ({ description, ...json(error) });

export function openApiDocument() {
  return {
    openapi: '3.1.0',
    info: {
      title: 'hubwork API',
      version: '1',
      description:
        'Registration for Maths Hubs Work Groups, with the same rules and messages as the pages. Every request except this document needs a personal API token, created at /account/api-tokens: `Authorization: Bearer hw_…`. Errors are JSON: `{ "error": "<code>", "message": "…" }`, with `errors: [{ field, message }]` for invalid input.',
    },
    servers: [{ url: '/' }],
    security: [{ bearer: [] }],
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'A personal API token, hw_ and 43 characters' } },
      schemas: {
        Error: {
          type: 'object',
          required: ['error', 'message'],
          properties: {
            error: { type: 'string', examples: ['invalid', 'not_eligible', 'already_registered', 'closed', 'unauthorised', 'forbidden', 'not_found'] },
            message: { type: 'string' },
            errors: { type: 'array', items: { type: 'object', properties: { field: { type: 'string' }, message: { type: 'string' } } } },
            reasons: { type: 'array', items: { type: 'string' } },
            reference: { type: 'string' },
          },
        },
        Participant: {
          type: 'object',
          required: ['name', 'email', 'roles'],
          additionalProperties: false,
          properties: {
            name: { type: 'string', maxLength: 200 },
            email: { type: 'string', format: 'email' },
            roles: {
              type: 'array',
              items: { enum: ['teacher', 'head_of_department', 'subject_leader', 'senior_leader', 'mat_maths_lead', 'mastery_specialist', 'mastery_advocate'] },
            },
            teachingYear: { type: ['integer', 'null'], description: 'Which year of teaching (1 = first); required when the group asks (questions.teachingYear)' },
            mathsItt: { type: ['boolean', 'null'], description: 'Did initial teacher training in maths; required when questions.mathsItt' },
          },
        },
        Registration: {
          type: 'object',
          properties: {
            reference: { type: 'string', pattern: '^HW-[0-9A-Z]{4}-[0-9A-Z]{4}$' },
            status: { type: 'string' },
            holdExpiresAt: { type: ['string', 'null'], format: 'date-time' },
            waitingListPosition: { type: ['integer', 'null'] },
            warnings: { type: 'array', items: { type: 'string' } },
            linked: {
              type: 'array',
              description: 'Registrations made with this one because its project requires theirs (linked projects): held, confirmed and released together',
              items: { type: 'object', properties: { reference: { type: 'string' }, code: { type: 'string' }, title: { type: 'string' } } },
            },
          },
        },
      },
    },
    paths: {
      '/api/v1/work-groups/{code}': {
        get: {
          summary: 'A Work Group: places, whether it is taking registrations, the questions it asks and the declarations a school makes',
          parameters: [{ name: 'code', in: 'path', required: true, schema: { type: 'string' }, example: 'WRK2627-GN01' }],
          responses: { 200: { description: 'The group' }, 401: problem('No live token'), 404: problem('No such public group') },
        },
      },
      '/api/v1/work-groups/{code}/eligibility': {
        post: {
          summary: 'Whether a school may register, with the reason for each rule',
          parameters: [{ name: 'code', in: 'path', required: true, schema: { type: 'string' } }],
          requestBody: { required: true, ...json({ type: 'object', required: ['urn'], properties: { urn: { type: 'integer' } } }) },
          responses: { 200: { description: '{ eligible, alreadyRegistered, refusals, warnings, reasons, alsoRegistersFor }' }, 422: problem('No such school') },
        },
      },
      '/api/v1/work-groups/{code}/registrations': {
        post: {
          summary: 'Register a school: a place held for the headteacher’s approval (emailed to them), or a place on the waiting list',
          parameters: [{ name: 'code', in: 'path', required: true, schema: { type: 'string' } }],
          requestBody: {
            required: true,
            ...json({
              type: 'object',
              required: ['urn', 'participants', 'acceptDeclarations', 'headteacher'],
              additionalProperties: false,
              properties: {
                urn: { type: 'integer' },
                participants: { type: 'array', items: { $ref: '#/components/schemas/Participant' }, description: 'Exactly participantsPerSchool of them' },
                coreMathsYear: { type: ['integer', 'null'], description: 'Required when questions.coreMathsYear' },
                acceptDeclarations: { const: true },
                headteacher: { type: 'object', required: ['name', 'email'], properties: { name: { type: 'string' }, email: { type: 'string' } } },
              },
            }),
          },
          responses: {
            201: { description: 'Registered (status held or waiting_list)', ...json({ $ref: '#/components/schemas/Registration' }) },
            401: problem('No live token'),
            403: problem('not_eligible: a requirement is not met (reasons)'),
            404: problem('No such public group'),
            409: problem('already_registered (reference) or closed'),
            422: problem('invalid: field errors'),
            429: {
              ...problem('too_many: 10 registrations an hour per token and per person (none for hub staff on their own hub’s groups)'),
              headers: { 'Retry-After': { description: 'Seconds until another registration is taken', schema: { type: 'integer' } } },
            },
          },
        },
        get: {
          summary: 'Every registration of the group, waiting list in order (hub staff of the group)',
          parameters: [{ name: 'code', in: 'path', required: true, schema: { type: 'string' } }],
          responses: { 200: { description: 'The registrations' }, 403: problem('Not staff of this group’s hub') },
        },
      },
      '/api/v1/registrations/{reference}': {
        get: {
          summary: 'One registration (hub staff of its group)',
          parameters: [{ name: 'reference', in: 'path', required: true, schema: { type: 'string' } }],
          responses: { 200: { description: 'The registration' }, 403: problem('Not staff of this group’s hub'), 404: problem('No such registration') },
        },
      },
      '/api/v1/registrations/{reference}/cancel': {
        post: {
          summary: 'Cancel a registration with a reason (hub staff); a freed place is offered to the first school waiting',
          parameters: [{ name: 'reference', in: 'path', required: true, schema: { type: 'string' } }],
          requestBody: { required: true, ...json({ type: 'object', required: ['reason'], properties: { reason: { type: 'string', maxLength: 500 } } }) },
          responses: { 200: { description: 'The registration, cancelled' }, 409: problem('already_ended'), 422: problem('No reason') },
        },
      },
      '/api/v1/registrations/{reference}/move': {
        post: {
          summary:
            'Move a registration to another published or closed group of its project in the same hub (hub staff). A held or confirmed place needs a free place there; a school on the waiting list is offered one, or joins the end of its waiting list',
          parameters: [{ name: 'reference', in: 'path', required: true, schema: { type: 'string' } }],
          requestBody: {
            required: true,
            ...json({
              type: 'object',
              required: ['workGroup', 'reason'],
              properties: { workGroup: { type: 'string', description: 'The code of the group to move it to' }, reason: { type: 'string', maxLength: 500 } },
            }),
          },
          responses: {
            200: { description: 'The registration, on its new group' },
            409: problem('already_ended, group_full or already_registered'),
            422: problem('No reason, or not a group it can move to'),
          },
        },
      },
    },
  };
}
